package store

// idIndex finds stored messages by messageId. An id repeats only across
// accounts, or when duplicate ids are allowed, so the index keeps a single
// pointer per id and a list only for the ids that do repeat: a list for
// every id cost an allocation on every Add and about 50 bytes a message.
type idIndex struct {
	one  map[string]*Message
	more map[string][]*Message // the messages of an id that repeats, in acceptance order
}

func newIDIndex() idIndex {
	return idIndex{one: map[string]*Message{}, more: map[string][]*Message{}}
}

func (x *idIndex) add(m *Message) {
	id := m.MessageID
	if list, ok := x.more[id]; ok {
		x.more[id] = append(list, m)
		return
	}
	if first, ok := x.one[id]; ok {
		delete(x.one, id)
		x.more[id] = []*Message{first, m}
		return
	}
	x.one[id] = m
}

func (x *idIndex) remove(m *Message) {
	id := m.MessageID
	if x.one[id] == m {
		delete(x.one, id)
		return
	}
	list := x.more[id]
	for i, y := range list {
		if y == m {
			list = append(list[:i], list[i+1:]...)
			break
		}
	}
	switch len(list) {
	case 0:
		delete(x.more, id)
	case 1:
		delete(x.more, id)
		x.one[id] = list[0]
	default:
		x.more[id] = list
	}
}

// lookup returns the messages with that id in acceptance order; buf holds
// the answer when there is one, so the common case allocates nothing.
func (x *idIndex) lookup(id string, buf *[1]*Message) []*Message {
	if m, ok := x.one[id]; ok {
		buf[0] = m
		return buf[:]
	}
	return x.more[id]
}
