package deck

import (
	"reflect"
	"sort"
	"strings"
)

// allowedNear lists the keys that v allows in the table holding key, for error messages.
func allowedNear(v any, key string) string {
	parts := strings.Split(key, ".")
	t := reflect.TypeOf(v)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	prefix := ""
	for _, p := range parts[:len(parts)-1] {
		f, ok := fieldByKey(t, p)
		if !ok {
			break
		}
		t = f.Type
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		prefix += p + "."
	}
	if t.Kind() != reflect.Struct {
		return "none here"
	}
	var names []string
	var collect func(t reflect.Type)
	collect = func(t reflect.Type) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Anonymous && f.Tag.Get("toml") == "" && f.Type.Kind() == reflect.Struct {
				collect(f.Type) // an embedded struct's keys sit in the same table
				continue
			}
			if n := keyName(f); n != "" {
				names = append(names, prefix+n)
			}
		}
	}
	collect(t)
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func keyName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	tag := f.Tag.Get("toml")
	name, _, _ := strings.Cut(tag, ",")
	if name == "-" {
		return ""
	}
	if name == "" {
		return f.Name
	}
	return name
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct {
		return reflect.StructField{}, false
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n := keyName(f); n == key || (n == f.Name && strings.EqualFold(n, key)) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
