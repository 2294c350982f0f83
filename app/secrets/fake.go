package secrets

import (
	"sort"
	"sync"
)

// Fake is an in-memory Store for tests. Set Unavailable to make every call
// fail like a machine without a keyring; Delay, when non-nil, is received
// from before each call (to simulate a blocked unlock prompt).
type Fake struct {
	mu          sync.Mutex
	m           map[string]string
	Unavailable bool
	Delay       <-chan struct{}
}

// NewFake returns an empty Fake.
func NewFake() *Fake { return &Fake{m: map[string]string{}} }

func (f *Fake) wait() error {
	if f.Delay != nil {
		<-f.Delay
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.Unavailable {
		return ErrUnavailable
	}
	return nil
}

// Get implements Store.
func (f *Fake) Get(key string) (string, error) {
	if err := f.wait(); err != nil {
		return "", err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	v, ok := f.m[key]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

// Set implements Store.
func (f *Fake) Set(key, secret string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.m[key] = secret
	return nil
}

// Delete implements Store.
func (f *Fake) Delete(key string) error {
	if err := f.wait(); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.m, key)
	return nil
}

// Keys returns the stored keys, sorted.
func (f *Fake) Keys() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	keys := make([]string, 0, len(f.m))
	for k := range f.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
