package calendar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

// The benchmarks run on the team feed of ../shared/bench (100 agents, 180
// days: about 12 MB and 58,000 events), generated into a temporary folder
// once per run and never committed.

var teamFeed struct {
	once sync.Once
	path string
	err  error
}

// teamFeedPath generates the team feed, or skips when the generator or
// python3 is missing.
func teamFeedPath(tb testing.TB) string {
	tb.Helper()
	teamFeed.once.Do(func() {
		gen, err := filepath.Abs("../../shared/bench/gen_team_feed.py")
		if err != nil {
			teamFeed.err = err
			return
		}
		if _, err := os.Stat(gen); err != nil {
			teamFeed.err = fmt.Errorf("generator not found: %w", err)
			return
		}
		dir, err := os.MkdirTemp("", "shiftdesk-bench-")
		if err != nil {
			teamFeed.err = err
			return
		}
		out, err := exec.Command("python3", gen, "100", "180").Output()
		if err != nil {
			teamFeed.err = fmt.Errorf("gen_team_feed.py: %w", err)
			return
		}
		teamFeed.path = filepath.Join(dir, "team.ics")
		teamFeed.err = os.WriteFile(teamFeed.path, out, 0o600)
	})
	if teamFeed.err != nil {
		tb.Skipf("team feed: %v", teamFeed.err)
	}
	return teamFeed.path
}

// decodeOnly is the baseline: go-ical decoding every VCALENDAR of r.
func decodeOnly(r io.Reader) (int, error) {
	dec := ical.NewDecoder(r)
	n := 0
	for {
		cal, err := dec.Decode()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n += len(cal.Children)
	}
}

// fullPipeline parses, resolves zones, expands six months and classifies
// (the kinds come with the occurrences).
func fullPipeline(r io.Reader) (int, error) {
	feed, err := Parse(r, ParseOptions{Source: "team.ics"})
	if err != nil {
		return 0, err
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return 0, err
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	occ, _ := feed.Expand(from, from.AddDate(0, 6, 0), ExpandOptions{Zone: loc})
	return len(occ), nil
}

func benchmarkFeed(b *testing.B, run func(io.Reader) (int, error)) {
	data, err := os.ReadFile(teamFeedPath(b))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := run(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeOnly is the baseline: go-ical Decode of the team feed.
func BenchmarkDecodeOnly(b *testing.B) { benchmarkFeed(b, decodeOnly) }

// BenchmarkFullPipeline is Parse + zones + Expand (6 months) + classify.
// Target: at most 1.5× BenchmarkDecodeOnly.
func BenchmarkFullPipeline(b *testing.B) { benchmarkFeed(b, fullPipeline) }

// BenchmarkParse and BenchmarkExpand split the full pipeline in two.
func BenchmarkParse(b *testing.B) {
	benchmarkFeed(b, func(r io.Reader) (int, error) {
		f, err := Parse(r, ParseOptions{})
		if err != nil {
			return 0, err
		}
		return f.EventCount(), nil
	})
}

func BenchmarkExpand(b *testing.B) {
	data, err := os.ReadFile(teamFeedPath(b))
	if err != nil {
		b.Fatal(err)
	}
	f, err := Parse(bytes.NewReader(data), ParseOptions{})
	if err != nil {
		b.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2026, 10, 1, 0, 0, 0, 0, loc)
	b.ReportAllocs()
	for b.Loop() {
		f.Expand(from, from.AddDate(0, 6, 0), ExpandOptions{Zone: loc})
	}
}

// BenchmarkPeakMemory runs each mode once in a fresh process (this test
// binary, TestPeakMemoryChild) that reads the team feed file and reports its
// peak resident set size (VmHWM), and reports both peaks and
// their ratio. Target: full ≤ 1.3× decode-only.
func BenchmarkPeakMemory(b *testing.B) {
	path := teamFeedPath(b)
	peak := map[string]float64{}
	for b.Loop() {
		for _, mode := range []string{"decode", "full"} {
			kb, err := childPeak(mode, path)
			if err != nil {
				b.Fatal(err)
			}
			peak[mode] = kb
		}
	}
	b.ReportMetric(peak["decode"]/1024, "decode-MiB")
	b.ReportMetric(peak["full"]/1024, "full-MiB")
	b.ReportMetric(peak["full"]/peak["decode"], "full/decode")
}

func childPeak(mode, path string) (float64, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakMemoryChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "SHIFTDESK_PEAK_MODE="+mode, "SHIFTDESK_PEAK_FEED="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s: %v\n%s", mode, err, out)
	}
	_, after, ok := strings.Cut(string(out), "PEAK_KB=")
	if !ok {
		return 0, fmt.Errorf("%s: no result in\n%s", mode, out)
	}
	return strconv.ParseFloat(strings.Fields(after)[0], 64)
}

// TestPeakMemoryChild is the child process of BenchmarkPeakMemory; it does
// nothing in a normal test run.
func TestPeakMemoryChild(t *testing.T) {
	mode, path := os.Getenv("SHIFTDESK_PEAK_MODE"), os.Getenv("SHIFTDESK_PEAK_FEED")
	if mode == "" {
		t.Skip("only run by BenchmarkPeakMemory")
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	run := decodeOnly
	if mode == "full" {
		run = fullPipeline
	}
	n, err := run(f)
	if err != nil || n == 0 {
		t.Fatalf("%s: n=%d err=%v", mode, n, err)
	}
	fmt.Printf("PEAK_KB=%d\n", peakRSSKiB(t))
}

// peakRSSKiB is this process's peak resident set size: VmHWM from
// /proc/self/status (reset by exec, unlike ru_maxrss, which a child
// inherits from its parent), else getrusage's ru_maxrss.
func peakRSSKiB(t *testing.T) int64 {
	if status, err := os.ReadFile("/proc/self/status"); err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				if kb, err := strconv.ParseInt(strings.Fields(v)[0], 10, 64); err == nil {
					return kb
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skip("no way to read the peak memory here:", err)
	}
	return ru.Maxrss
}

// BenchmarkPipelineRatio alternates the baseline and the full pipeline on
// the same data in one run and reports full/decode, both in elapsed time
// and in CPU time of the process (which includes the garbage collector's
// work and is less disturbed by other programs on the machine). Target:
// at most 1.5.
func BenchmarkPipelineRatio(b *testing.B) {
	data, err := os.ReadFile(teamFeedPath(b))
	if err != nil {
		b.Fatal(err)
	}
	var wall, cpu [2]time.Duration
	timed := func(k int, run func(io.Reader) (int, error)) {
		runtime.GC() // each run starts from a clean heap
		c0, began := cpuTime(), time.Now()
		if _, err := run(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
		wall[k] += time.Since(began)
		cpu[k] += cpuTime() - c0
	}
	for b.Loop() {
		timed(0, decodeOnly)
		timed(1, fullPipeline)
	}
	b.ReportMetric(float64(wall[0].Milliseconds())/float64(b.N), "decode-ms")
	b.ReportMetric(float64(wall[1].Milliseconds())/float64(b.N), "full-ms")
	b.ReportMetric(float64(wall[1])/float64(wall[0]), "full/decode")
	b.ReportMetric(float64(cpu[1])/float64(cpu[0]), "full/decode-cpu")
}

// cpuTime is the user and system CPU time of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
