// The build environment, goroutine control and the scheduler's settings.

package runtime

// GOOS is the target operating system.
const GOOS string = "linux"

// GOARCH is the target architecture.
const GOARCH string = "amd64"

// Compiler names the toolchain that built the program. rgo reports gc's
// name: it builds programs that behave as gc's.
const Compiler = "gc"

// buildVersion is the version of the GOROOT rgo is pinned to (its
// VERSION file's first line), which gc's Version reports.
const buildVersion = "go1.27.3"

// Version is the Go release the program was built for.
func Version() string {
	return buildVersion
}

// Gosched lets the other runnable goroutines run; the caller stays
// runnable and continues afterwards.
func Gosched()

// Goexit ends the calling goroutine after running its pending deferred
// calls (recover returns nil in them: this is no panic). When the main
// goroutine ends this way the program continues with the others.
func Goexit()

// NumGoroutine is the number of live goroutines.
func NumGoroutine() int

// NumCPU returns the number of logical CPUs usable by the current
// process (the CPUs of its affinity mask at startup).
func NumCPU() int

// GOMAXPROCS returns the current limit on simultaneously running
// goroutines' threads and, when n >= 1, sets it to n. It starts as the
// GOMAXPROCS environment variable when that is a positive number, else
// NumCPU. (rgo runs one thread for now; the setting is kept for the
// scheduler.)
func GOMAXPROCS(n int) int {
	return gomaxprocs_set(n)
}

// gomaxprocs_set stores the setting (n < 1: unchanged) and returns the
// previous one.
func gomaxprocs_set(n int) int

// Breakpoint raises a breakpoint trap (SIGTRAP).
func Breakpoint()

// LockOSThread keeps the calling goroutine on its thread. rgo runs every
// goroutine on one thread for now, so this only counts the nesting.
func LockOSThread() {
	lockedCount++
}

// UnlockOSThread undoes one LockOSThread.
func UnlockOSThread() {
	if lockedCount > 0 {
		lockedCount--
	}
}

var lockedCount int

// MemProfileRate is the memory profile's sampling interval in bytes.
// rgo does not profile memory yet; the variable exists for programs
// that set it.
var MemProfileRate int = 512 * 1024

// GC runs a whole collection before it returns.
func GC()

// KeepAlive keeps x reachable up to the point of the call.
func KeepAlive(x any)

// SetFinalizer makes the collector call finalizer(obj) once obj is
// unreachable (a nil finalizer removes it).
func SetFinalizer(obj any, finalizer any)

// SetDefaultGOMAXPROCS updates the GOMAXPROCS setting to the runtime
// default (the GOMAXPROCS environment variable, else NumCPU).
func SetDefaultGOMAXPROCS() {
	gomaxprocs_set(gomaxprocs_default())
}

// gomaxprocs_default is the default GOMAXPROCS setting.
func gomaxprocs_default() int

// GOROOT returns the root of the Go tree: the GOROOT environment
// variable of the process, else "" (as gc's for a binary built with
// -trimpath: rgo does not record its GOROOT in binaries).
//
// Deprecated: as gc's; "go env GOROOT" tells the installation's root.
func GOROOT() string {
	return gogetenv("GOROOT")
}

// gogetenv returns the value of an environment variable, "" when unset.
func gogetenv(key string) string
