package settings

import "reflect"

// Merge combines two edits of the same settings: base is what an editor
// (the window) started from, mine what it wants now and theirs what is on
// disk now (another process may have changed it meanwhile). Each field of
// Settings that the editor changed (mine differs from base) is taken from
// mine; every other field is kept as theirs, so an edit never writes back
// an old copy of what it did not touch.
func Merge(base, mine, theirs Settings) Settings {
	out := theirs
	b, m, o := reflect.ValueOf(base), reflect.ValueOf(mine), reflect.ValueOf(&out).Elem()
	for i := 0; i < m.NumField(); i++ {
		if !reflect.DeepEqual(b.Field(i).Interface(), m.Field(i).Interface()) {
			o.Field(i).Set(m.Field(i))
		}
	}
	return out
}
