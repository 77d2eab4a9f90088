package schema

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// ErrNotFillable says Fill met something it does not copy exactly as
// encoding/json would (a type mismatch, an overflowing number, a type with its
// own decoder it cannot feed): the caller falls back to re-encoding the tree
// and decoding it with encoding/json, which then gives its own error.
var ErrNotFillable = errors.New("schema: value not fillable without encoding/json")

// Filler copies a decoded tree (as Decode and Prune return it) into a typed
// value, with the result json.Unmarshal would give for the tree's encoding,
// without encoding it again. It caches the field layout of each struct type;
// one Filler per Server, safe for concurrent use.
type Filler struct {
	types sync.Map // reflect.Type -> *structInfo
}

type structInfo struct {
	fields   []fieldInfo
	byName   map[string]int // exact json name -> index in fields
	unusable bool           // a layout Fill does not reproduce (embedding, ",string")
}

type fieldInfo struct {
	name  string
	index int
}

// Fill sets *dst from v. dst must be a non-nil pointer. On ErrNotFillable
// *dst may be partly set: decode into a fresh value when falling back.
func (f *Filler) Fill(v any, dst any) error {
	rv := reflect.ValueOf(dst)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return ErrNotFillable
	}
	return f.fill(v, rv.Elem())
}

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	rawMessageType      = reflect.TypeFor[json.RawMessage]()
)

func (f *Filler) fill(v any, dst reflect.Value) error {
	t := dst.Type()
	if t == rawMessageType {
		b, err := json.Marshal(v)
		if err != nil {
			return ErrNotFillable
		}
		dst.SetBytes(b)
		return nil
	}
	if v == nil {
		// encoding/json: null zeroes pointers, maps, slices and interfaces
		// and leaves everything else alone.
		switch t.Kind() {
		case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
			dst.SetZero()
		}
		return nil
	}
	if t.Kind() != reflect.Pointer && (reflect.PointerTo(t).Implements(unmarshalerType) || reflect.PointerTo(t).Implements(textUnmarshalerType)) {
		return ErrNotFillable
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Implements(unmarshalerType) || t.Implements(textUnmarshalerType) {
			return ErrNotFillable
		}
		if dst.IsNil() {
			dst.Set(reflect.New(t.Elem()))
		}
		return f.fill(v, dst.Elem())
	case reflect.Interface:
		if t.NumMethod() != 0 {
			return ErrNotFillable
		}
		g, err := generic(v)
		if err != nil {
			return err
		}
		dst.Set(reflect.ValueOf(g))
		return nil
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return ErrNotFillable
		}
		dst.SetString(s)
		return nil
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return ErrNotFillable
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			return ErrNotFillable
		}
		i, err := strconv.ParseInt(string(n), 10, 64)
		if err != nil || dst.OverflowInt(i) {
			return ErrNotFillable
		}
		dst.SetInt(i)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			return ErrNotFillable
		}
		u, err := strconv.ParseUint(string(n), 10, 64)
		if err != nil || dst.OverflowUint(u) {
			return ErrNotFillable
		}
		dst.SetUint(u)
		return nil
	case reflect.Float32, reflect.Float64:
		n, ok := v.(json.Number)
		if !ok {
			return ErrNotFillable
		}
		x, err := strconv.ParseFloat(string(n), t.Bits())
		if err != nil || dst.OverflowFloat(x) {
			return ErrNotFillable
		}
		dst.SetFloat(x)
		return nil
	case reflect.Slice:
		arr, ok := v.([]any)
		if !ok {
			return ErrNotFillable
		}
		s := reflect.MakeSlice(t, len(arr), len(arr))
		for i, item := range arr {
			if err := f.fill(item, s.Index(i)); err != nil {
				return err
			}
		}
		dst.Set(s)
		return nil
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok || t.Key() != reflect.TypeFor[string]() {
			return ErrNotFillable
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMapWithSize(t, len(obj)))
		}
		for k, item := range obj {
			ev := reflect.New(t.Elem()).Elem()
			if err := f.fill(item, ev); err != nil {
				return err
			}
			dst.SetMapIndex(reflect.ValueOf(k), ev)
		}
		return nil
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			return ErrNotFillable
		}
		info := f.info(t)
		if info.unusable {
			return ErrNotFillable
		}
		for k, item := range obj {
			i, ok := info.byName[k]
			if !ok {
				if info.fold(k) >= 0 {
					// encoding/json would match it case-insensitively, and
					// which of two such keys wins depends on their order.
					return ErrNotFillable
				}
				continue // unknown properties are ignored, as encoding/json does
			}
			if err := f.fill(item, dst.Field(info.fields[i].index)); err != nil {
				return err
			}
		}
		return nil
	}
	return ErrNotFillable
}

// fold finds the field encoding/json would match case-insensitively: the
// first in declaration order whose name folds to k.
func (si *structInfo) fold(k string) int {
	for i, fi := range si.fields {
		if strings.EqualFold(fi.name, k) {
			return i
		}
	}
	return -1
}

func (f *Filler) info(t reflect.Type) *structInfo {
	if si, ok := f.types.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byName: map[string]int{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			si.unusable = true // embedding: encoding/json's promotion rules apply
			break
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		for _, o := range strings.Split(opts, ",") {
			if o != "" && o != "omitempty" && o != "omitzero" {
				si.unusable = true // ",string" and the like
			}
		}
		if name == "" {
			name = sf.Name
		}
		if _, dup := si.byName[name]; dup {
			si.unusable = true // encoding/json drops both of a clashing pair
		}
		si.byName[name] = len(si.fields)
		si.fields = append(si.fields, fieldInfo{name: name, index: i})
	}
	f.types.Store(t, si)
	return si
}

// generic turns a tree with json.Number leaves into what encoding/json puts
// in an interface: float64 numbers.
func generic(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil {
			return nil, ErrNotFillable
		}
		return f, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, item := range x {
			g, err := generic(item)
			if err != nil {
				return nil, err
			}
			out[k] = g
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, item := range x {
			g, err := generic(item)
			if err != nil {
				return nil, err
			}
			out[i] = g
		}
		return out, nil
	}
	return v, nil
}
