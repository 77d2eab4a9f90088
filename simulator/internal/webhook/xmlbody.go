package webhook

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"
)

// renderXML renders a results batch as Infobip's XML report bodies show it:
// <Root><results><result>…</result></results></Root>, each JSON object's
// fields as elements in their JSON order, null as an empty element.
func renderXML(root string, batch []Item) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<" + root + "><results>")
	for _, it := range batch {
		b.WriteString("<result>")
		if err := writeXMLValue(&b, json.NewDecoder(bytes.NewReader(it.Result)), "result"); err != nil {
			return nil, fmt.Errorf("xml report: %w", err)
		}
		b.WriteString("</result>")
	}
	b.WriteString("</results></" + root + ">")
	return b.Bytes(), nil
}

// writeXMLValue writes the next JSON value's content (an object's fields as
// elements, an array's items as <name-without-s> elements, a scalar as text).
func writeXMLValue(b *bytes.Buffer, dec *json.Decoder, name string) error {
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key, _ := k.(string)
				if err := writeXMLElement(b, dec, key); err != nil {
					return err
				}
			}
			_, err = dec.Token() // }
			return err
		case '[':
			item := strings.TrimSuffix(name, "s")
			if item == name {
				item = "item"
			}
			for dec.More() {
				if err := writeXMLElement(b, dec, item); err != nil {
					return err
				}
			}
			_, err = dec.Token() // ]
			return err
		}
	case nil:
		return nil
	case string:
		return xml.EscapeText(b, []byte(t))
	case json.Number:
		b.WriteString(t.String())
	case bool:
		fmt.Fprint(b, t)
	}
	return nil
}

func writeXMLElement(b *bytes.Buffer, dec *json.Decoder, name string) error {
	var inner bytes.Buffer
	if err := writeXMLValue(&inner, dec, name); err != nil {
		return err
	}
	if inner.Len() == 0 {
		b.WriteString("<" + name + "/>")
		return nil
	}
	b.WriteString("<" + name + ">")
	b.Write(inner.Bytes())
	b.WriteString("</" + name + ">")
	return nil
}
