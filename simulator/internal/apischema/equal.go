package apischema

import "reflect"

// sameJSON compares two generic JSON values; absent and null are equal.
func sameJSON(a, b any) bool { return reflect.DeepEqual(a, b) }
