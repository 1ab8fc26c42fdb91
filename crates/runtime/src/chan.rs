//! Channels and `select` (gc's hchan design): a ring buffer for buffered
//! channels, queues of waiting senders and receivers (`Sudog`s), direct
//! hand-off to a waiting receiver or from a waiting sender, close waking
//! every waiter. Entry points: `runtime.makechan`, `chansend1`,
//! `chanrecv1`, `chanrecv2`, `closechan`, `selectgo` (all through `entry!`
//! shims so panics and deadlock reports know the caller's frame). Each
//! channel has a lock; `select` takes the locks of all its channels in
//! address order. A goroutine that blocks parks with its lock(s) still
//! held; the scheduler releases them once the goroutine is switched out
//! (`proc::gopark`), so a waker always finds it parked. Lock order:
//! channel locks, then the scheduler's.

use crate::abi::Type;
use crate::g::{self, G};
use crate::proc::{self, WaitReason};
use core::ptr;
use core::sync::atomic::{AtomicBool, Ordering};

/// A waiting goroutine in a channel's queue.
#[repr(C)]
pub struct Sudog {
    pub g: *mut G,
    pub next: *mut Sudog,
    pub prev: *mut Sudog,
    /// Where to copy the value from (send) or to (receive); may be null.
    pub elem: *mut u8,
    pub c: *mut HChan,
    /// Next sudog of the same select (or the free list).
    pub waitlink: *mut Sudog,
    pub is_select: bool,
    /// Completed by a value transfer (false: woken by close).
    pub success: bool,
}

/// A doubly linked queue of sudogs.
#[repr(C)]
pub struct WaitQ {
    first: *mut Sudog,
    last: *mut Sudog,
}

/// The channel object. Offsets 0 (`qcount`) and 8 (`dataqsiz`) are read
/// by compiled code for `len` and `cap`.
#[repr(C)]
pub struct HChan {
    pub qcount: usize,
    pub dataqsiz: usize,
    buf: *mut u8,
    elemsize: u16,
    closed: u32,
    timer: usize,
    elemtype: *const Type,
    sendx: usize,
    recvx: usize,
    recvq: WaitQ,
    sendq: WaitQ,
    lock: AtomicBool,
}

const _: () = assert!(core::mem::offset_of!(HChan, qcount) == 0);
const _: () = assert!(core::mem::offset_of!(HChan, dataqsiz) == 8);
const HCHAN_SIZE: usize = core::mem::size_of::<HChan>();

/// The type the collector sees for a channel whose buffer is a separate
/// (pointerful) object: `buf` is its only heap pointer (sudogs and the
/// element type are not heap memory).
static HCHAN_MASK: u8 = 1 << (core::mem::offset_of!(HChan, buf) / 8);
static HCHAN_TYPE: crate::error::StaticType = crate::error::StaticType(Type {
    size: HCHAN_SIZE,
    ptr_bytes: core::mem::offset_of!(HChan, buf) + 8,
    hash: 0,
    tflag: 0,
    align: 8,
    field_align: 8,
    kind: crate::abi::kind::STRUCT,
    equal: ptr::null(),
    gcdata: &HCHAN_MASK,
    str_: 0,
    ptr_to_this: 0,
});

/// internal/abi.ChanType.
#[repr(C)]
pub struct ChanType {
    pub typ: Type,
    pub elem: *const Type,
    pub dir: isize,
}

/// A select case: channel and element pointer.
#[repr(C)]
pub struct Scase {
    pub c: *mut HChan,
    pub elem: *mut u8,
}

/// Two-word result of `selectgo` (rax:rdx).
#[repr(C)]
pub struct SelectResult {
    pub chosen: i64,
    pub recv_ok: u64,
}

const MAX_ALLOC: usize = 1 << 47;

/// Free sudogs (linked through `waitlink`).
struct SudogCache(*mut Sudog);
// SAFETY: the sudogs are runtime metadata that live forever; the list
// is only touched under its lock.
unsafe impl Send for SudogCache {}
static SUDOG_FREE: crate::lock::Mutex<SudogCache> =
    crate::lock::Mutex::new(SudogCache(ptr::null_mut()));

fn acquire_sudog() -> *mut Sudog {
    {
        let mut free = SUDOG_FREE.lock();
        let s = free.0;
        if !s.is_null() {
            // SAFETY: s is a free sudog nobody else references.
            unsafe {
                free.0 = (*s).waitlink;
                ptr::write_bytes(s, 0, 1);
            }
            return s;
        }
    }
    crate::mgc::roots::new_sudog()
}

fn release_sudog(s: *mut Sudog) {
    let mut free = SUDOG_FREE.lock();
    // SAFETY: s is no longer in any queue.
    unsafe {
        // No stale heap pointers for the collector (sudogs are roots).
        (*s).elem = ptr::null_mut();
        (*s).c = ptr::null_mut();
        (*s).waitlink = free.0;
    }
    free.0 = s;
}

fn lock(c: *mut HChan) {
    // SAFETY: c is a live channel.
    crate::lock::acquire(unsafe { &(*c).lock });
}

fn unlock(c: *mut HChan) {
    // SAFETY: c is a live channel whose lock we hold.
    unsafe { (*c).lock.store(false, Ordering::Release) };
}

/// `gopark`'s unlock function for one channel.
unsafe fn unlock_chan(c: usize) {
    unlock(c as *mut HChan);
}

impl WaitQ {
    fn enqueue(&mut self, s: *mut Sudog) {
        // SAFETY: s is a fresh sudog; queue members are live sudogs.
        unsafe {
            (*s).next = ptr::null_mut();
            (*s).prev = self.last;
            if self.last.is_null() {
                self.first = s;
            } else {
                (*self.last).next = s;
            }
        }
        self.last = s;
    }

    /// Removes and returns the first waiter that can still proceed
    /// (skipping sudogs of selects already completed elsewhere).
    fn dequeue(&mut self) -> *mut Sudog {
        loop {
            let s = self.first;
            if s.is_null() {
                return s;
            }
            self.remove(s);
            // SAFETY: s was a queued, live sudog of a waiting G; the
            // select's other channels' wakers race for `select_done`.
            unsafe {
                if (*s).is_select {
                    let done = AtomicBool::from_ptr(&mut (*(*s).g).select_done);
                    if done
                        .compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed)
                        .is_err()
                    {
                        continue;
                    }
                }
            }
            return s;
        }
    }

    /// Unlinks `s` if it is in this queue.
    fn remove(&mut self, s: *mut Sudog) {
        // SAFETY: s is a live sudog; its links point into this queue.
        unsafe {
            let (p, n) = ((*s).prev, (*s).next);
            if p.is_null() {
                if self.first != s {
                    return;
                }
                self.first = n;
            } else {
                (*p).next = n;
            }
            if n.is_null() {
                self.last = p;
            } else {
                (*n).prev = p;
            }
            (*s).next = ptr::null_mut();
            (*s).prev = ptr::null_mut();
        }
    }
}

/// `runtime.makechan(t, size)` (entry shim).
pub extern "C" fn makechan(t: *const ChanType, size: i64) -> *mut HChan {
    // SAFETY: t is a channel type descriptor (ABI).
    let elem = unsafe { &*(*t).elem };
    if elem.size >= 1 << 16 {
        crate::panic::throw("makechan: invalid channel element type");
    }
    let mem = (elem.size as u128) * (size.max(0) as u128);
    if size < 0 || mem > (MAX_ALLOC - HCHAN_SIZE) as u128 {
        crate::error::panic_plain("makechan: size out of range");
    }
    let mem = mem as usize;
    // SAFETY: sizes checked above; the allocator returns zeroed memory.
    unsafe {
        let c: *mut HChan;
        if mem == 0 || !elem.has_pointers() {
            c = crate::malloc::malloc(HCHAN_SIZE + mem, ptr::null(), true).cast();
            (*c).buf = (c as *mut u8).add(HCHAN_SIZE);
        } else {
            c = crate::malloc::malloc(HCHAN_SIZE, &HCHAN_TYPE.0, true).cast();
            (*c).buf = crate::malloc::malloc(mem, elem, true);
        }
        (*c).elemsize = elem.size as u16;
        (*c).elemtype = elem;
        (*c).dataqsiz = size as usize;
        c
    }
}

impl HChan {
    fn slot(&self, i: usize) -> *mut u8 {
        // SAFETY: i < dataqsiz, inside the buffer.
        unsafe { self.buf.add(i * self.elemsize as usize) }
    }

    fn copy(&self, dst: *mut u8, src: *const u8) {
        if !dst.is_null() && !src.is_null() {
            // SAFETY: both point to elemsize bytes of the element type.
            unsafe {
                if self.elemsize == 8 {
                    let v = ptr::read_unaligned(src as *const u64);
                    ptr::write_unaligned(dst as *mut u64, v);
                } else {
                    ptr::copy(src, dst, self.elemsize as usize);
                }
            }
        }
    }

    /// Appends `*ep` to the ring buffer (which has room).
    fn buf_put(&mut self, ep: *const u8) {
        self.copy(self.slot(self.sendx), ep);
        self.sendx += 1;
        if self.sendx == self.dataqsiz {
            self.sendx = 0;
        }
        self.qcount += 1;
    }

    /// Moves the ring buffer's oldest element to `ep` (may be null: the
    /// value is dropped) and clears its slot.
    fn buf_take(&mut self, ep: *mut u8) {
        let qp = self.slot(self.recvx);
        self.copy(ep, qp);
        self.clear(qp);
        self.recvx += 1;
        if self.recvx == self.dataqsiz {
            self.recvx = 0;
        }
        self.qcount -= 1;
    }

    fn clear(&self, p: *mut u8) {
        if !p.is_null() {
            // SAFETY: p points to elemsize bytes.
            unsafe { ptr::write_bytes(p, 0, self.elemsize as usize) };
        }
    }
}

/// Hands `ep` to the waiting receiver `sg` and makes it runnable.
fn send(c: &mut HChan, sg: *mut Sudog, ep: *const u8) {
    // SAFETY: sg was dequeued from c.recvq; its G waits.
    unsafe {
        c.copy((*sg).elem, ep);
        (*sg).elem = ptr::null_mut();
        (*sg).success = true;
        let gp = (*sg).g;
        (*gp).param = sg;
        proc::goready(gp);
    }
}

/// Takes the value of the waiting sender `sg` (through the buffer when
/// there is one) and makes it runnable.
fn recv(c: &mut HChan, sg: *mut Sudog, ep: *mut u8) {
    // SAFETY: sg was dequeued from c.sendq; its G waits.
    unsafe {
        if c.dataqsiz == 0 {
            c.copy(ep, (*sg).elem);
        } else {
            // Full buffer: take the head, put the sender's value at the
            // tail (the same slot).
            let qp = c.slot(c.recvx);
            c.copy(ep, qp);
            c.copy(qp, (*sg).elem);
            c.recvx += 1;
            if c.recvx == c.dataqsiz {
                c.recvx = 0;
            }
            c.sendx = c.recvx;
        }
        (*sg).elem = ptr::null_mut();
        (*sg).success = true;
        let gp = (*sg).g;
        (*gp).param = sg;
        proc::goready(gp);
    }
}

fn send_closed() -> ! {
    crate::error::panic_plain("send on closed channel")
}

/// gc's chansend: false only when `!block` and it would block.
pub fn chansend(c: *mut HChan, ep: *const u8, block: bool) -> bool {
    if c.is_null() {
        if !block {
            return false;
        }
        proc::gopark(WaitReason::ChanSendNilChan, None);
        crate::panic::throw("unreachable");
    }
    lock(c);
    // SAFETY: c is a live channel (ABI) and we hold its lock.
    let ch = unsafe { &mut *c };
    if ch.closed != 0 {
        unlock(c);
        send_closed();
    }
    let sg = ch.recvq.dequeue();
    if !sg.is_null() {
        send(ch, sg, ep);
        unlock(c);
        return true;
    }
    if ch.qcount < ch.dataqsiz {
        ch.buf_put(ep);
        unlock(c);
        return true;
    }
    if !block {
        unlock(c);
        return false;
    }
    if !wait(c, true, ep as *mut u8) {
        send_closed();
    }
    true
}

/// gc's chanrecv: (selected, received).
pub fn chanrecv(c: *mut HChan, ep: *mut u8, block: bool) -> (bool, bool) {
    if c.is_null() {
        if !block {
            return (false, false);
        }
        proc::gopark(WaitReason::ChanReceiveNilChan, None);
        crate::panic::throw("unreachable");
    }
    lock(c);
    // SAFETY: c is a live channel (ABI) and we hold its lock.
    let ch = unsafe { &mut *c };
    if ch.closed != 0 {
        if ch.qcount == 0 {
            ch.clear(ep);
            unlock(c);
            return (true, false);
        }
    } else {
        let sg = ch.sendq.dequeue();
        if !sg.is_null() {
            recv(ch, sg, ep);
            unlock(c);
            return (true, true);
        }
    }
    if ch.qcount > 0 {
        ch.buf_take(ep);
        unlock(c);
        return (true, true);
    }
    if !block {
        unlock(c);
        return (false, false);
    }
    (true, wait(c, false, ep))
}

/// Blocks the running goroutine in `c`'s send (`send`) or receive queue
/// with element pointer `ep`, releasing `c`'s lock (held) once it is
/// parked. True when woken by a transfer, false when by `close`.
fn wait(c: *mut HChan, send: bool, ep: *mut u8) -> bool {
    let gp = g::getg();
    let mysg = acquire_sudog();
    // SAFETY: mysg is a fresh sudog; gp the running G; c a live channel
    // whose lock we hold until gopark releases it.
    let ok = unsafe {
        (*mysg).g = gp;
        (*mysg).elem = ep;
        (*mysg).c = c;
        (*gp).param = ptr::null_mut();
        let ch = &mut *c;
        let (q, reason) = if send {
            (&mut ch.sendq, WaitReason::ChanSend)
        } else {
            (&mut ch.recvq, WaitReason::ChanReceive)
        };
        q.enqueue(mysg);
        proc::gopark(reason, Some((unlock_chan, c as usize)));
        (*mysg).success
    };
    release_sudog(mysg);
    ok
}

/// `runtime.chansend1(c, elem)` (entry shim): `c <- *elem`.
pub extern "C" fn chansend1(c: *mut HChan, elem: *const u8) {
    chansend(c, elem, true);
}

/// `runtime.chanrecv1(c, elem)` (entry shim): `*elem = <-c` (elem may be
/// null: the value is dropped).
pub extern "C" fn chanrecv1(c: *mut HChan, elem: *mut u8) {
    chanrecv(c, elem, true);
}

/// `runtime.chanrecv2(c, elem) -> ok` (entry shim).
pub extern "C" fn chanrecv2(c: *mut HChan, elem: *mut u8) -> u8 {
    chanrecv(c, elem, true).1 as u8
}

/// `runtime.closechan(c)` (entry shim).
pub extern "C" fn closechan(c: *mut HChan) {
    if c.is_null() {
        crate::error::panic_plain("close of nil channel");
    }
    lock(c);
    // SAFETY: c is a live channel (ABI) and we hold its lock.
    let ch = unsafe { &mut *c };
    if ch.closed != 0 {
        unlock(c);
        crate::error::panic_plain("close of closed channel");
    }
    ch.closed = 1;
    // Collect every waiter first, then make them runnable (gc's order).
    let mut list: *mut Sudog = ptr::null_mut();
    let mut tail: *mut Sudog = ptr::null_mut();
    for q in 0..2 {
        loop {
            let sg = if q == 0 {
                ch.recvq.dequeue()
            } else {
                ch.sendq.dequeue()
            };
            if sg.is_null() {
                break;
            }
            // SAFETY: sg is a dequeued sudog of a waiting G.
            unsafe {
                if q == 0 {
                    ch.clear((*sg).elem);
                }
                (*sg).elem = ptr::null_mut();
                (*sg).success = false;
                (*(*sg).g).param = sg;
                // Chain through `next` (free after dequeue).
                (*sg).next = ptr::null_mut();
                if tail.is_null() {
                    list = sg;
                } else {
                    (*tail).next = sg;
                }
                tail = sg;
            }
        }
    }
    unlock(c);
    while !list.is_null() {
        // SAFETY: list walks the collected sudogs; a G's sudog stays
        // valid until it runs again, which is after this loop.
        unsafe {
            let n = (*list).next;
            (*list).next = ptr::null_mut();
            proc::goready((*list).g);
            list = n;
        }
    }
}

/// `runtime.selectgo(cases, order, nsends, nrecvs, block)` (entry shim):
/// cases[0..nsends] send, the rest receive; order is scratch for
/// 2*(nsends+nrecvs) u16. Returns (chosen case or -1 when `block` is 0
/// and nothing is ready, recvOK).
pub extern "C" fn selectgo(
    cases: *mut Scase,
    order: *mut u16,
    nsends: i64,
    nrecvs: i64,
    block: u8,
) -> SelectResult {
    let nsends = nsends as usize;
    let ncases = nsends + nrecvs as usize;
    // SAFETY: the compiler passes ncases cases and 2*ncases u16 (ABI).
    let (scases, pollorder, lockorder) = unsafe {
        (
            core::slice::from_raw_parts_mut(cases, ncases),
            core::slice::from_raw_parts_mut(order, ncases),
            core::slice::from_raw_parts_mut(order.add(ncases), ncases),
        )
    };
    // Random poll order over the non-nil channels.
    let mut norder = 0usize;
    for (i, cas) in scases.iter_mut().enumerate() {
        if cas.c.is_null() {
            cas.elem = ptr::null_mut();
            continue;
        }
        let j = (crate::hash::rand64() % (norder as u64 + 1)) as usize;
        pollorder[norder] = pollorder[j];
        pollorder[j] = i as u16;
        norder += 1;
    }
    let pollorder = &mut pollorder[..norder];
    let lockorder = &mut lockorder[..norder];
    // Lock order: by channel address (insertion sort).
    for (i, &v) in pollorder.iter().enumerate() {
        let mut j = i;
        while j > 0
            && (scases[lockorder[j - 1] as usize].c as usize) > (scases[v as usize].c as usize)
        {
            lockorder[j] = lockorder[j - 1];
            j -= 1;
        }
        lockorder[j] = v;
    }

    let locks = SelLocks {
        cases: scases.as_ptr(),
        order: lockorder.as_ptr(),
        n: norder,
    };
    locks.lock();

    // Pass 1: a case that is ready now.
    for &casi in pollorder.iter() {
        let casi = casi as usize;
        let cas = &scases[casi];
        // SAFETY: non-nil channels of the cases are live.
        let ch = unsafe { &mut *cas.c };
        if casi < nsends {
            if ch.closed != 0 {
                locks.unlock();
                send_closed();
            }
            let sg = ch.recvq.dequeue();
            if !sg.is_null() {
                send(ch, sg, cas.elem);
                locks.unlock();
                return SelectResult {
                    chosen: casi as i64,
                    recv_ok: 0,
                };
            }
            if ch.qcount < ch.dataqsiz {
                ch.buf_put(cas.elem);
                locks.unlock();
                return SelectResult {
                    chosen: casi as i64,
                    recv_ok: 0,
                };
            }
        } else {
            let sg = ch.sendq.dequeue();
            if !sg.is_null() {
                recv(ch, sg, cas.elem);
                locks.unlock();
                return SelectResult {
                    chosen: casi as i64,
                    recv_ok: 1,
                };
            }
            if ch.qcount > 0 {
                ch.buf_take(cas.elem);
                locks.unlock();
                return SelectResult {
                    chosen: casi as i64,
                    recv_ok: 1,
                };
            }
            if ch.closed != 0 {
                ch.clear(cas.elem);
                locks.unlock();
                return SelectResult {
                    chosen: casi as i64,
                    recv_ok: 0,
                };
            }
        }
    }
    if block == 0 {
        locks.unlock();
        return SelectResult {
            chosen: -1,
            recv_ok: 0,
        };
    }

    // Pass 2: wait on every channel.
    let gp = g::getg();
    // SAFETY: gp is the running G.
    unsafe {
        (*gp).param = ptr::null_mut();
        (*gp).select_done = false;
    }
    let mut sgs: *mut Sudog = ptr::null_mut();
    let mut last: *mut Sudog = ptr::null_mut();
    for &casi in lockorder.iter() {
        let casi = casi as usize;
        let cas = &scases[casi];
        let sg = acquire_sudog();
        // SAFETY: fresh sudog; live channel.
        unsafe {
            (*sg).g = gp;
            (*sg).is_select = true;
            (*sg).elem = cas.elem;
            (*sg).c = cas.c;
            if last.is_null() {
                sgs = sg;
            } else {
                (*last).waitlink = sg;
            }
            last = sg;
            let ch = &mut *cas.c;
            if casi < nsends {
                ch.sendq.enqueue(sg);
            } else {
                ch.recvq.enqueue(sg);
            }
        }
    }
    proc::gopark(
        WaitReason::Select,
        Some((SelLocks::unlock_arg, &locks as *const SelLocks as usize)),
    );
    locks.lock();

    // Pass 3: dequeue from the other channels; find the winner.
    // SAFETY: gp runs again; its sudogs are valid until released.
    let won = unsafe { (*gp).param };
    unsafe {
        (*gp).param = ptr::null_mut();
        (*gp).select_done = false;
    }
    let mut chosen = -1i64;
    let mut ok = false;
    let mut sg = sgs;
    for &casi in lockorder.iter() {
        let casi = casi as usize;
        // SAFETY: sg walks this select's sudogs in lock order.
        unsafe {
            let next = (*sg).waitlink;
            if sg == won {
                chosen = casi as i64;
                ok = (*sg).success;
            } else {
                let ch = &mut *scases[casi].c;
                if casi < nsends {
                    ch.sendq.remove(sg);
                } else {
                    ch.recvq.remove(sg);
                }
            }
            (*sg).waitlink = ptr::null_mut();
            release_sudog(sg);
            sg = next;
        }
    }
    locks.unlock();
    if chosen < 0 {
        crate::panic::throw("selectgo: bad wakeup");
    }
    if (chosen as usize) < nsends {
        if !ok {
            send_closed();
        }
        return SelectResult { chosen, recv_ok: 0 };
    }
    SelectResult {
        chosen,
        recv_ok: ok as u64,
    }
}

/// The channels of a select in lock order (duplicates adjacent).
struct SelLocks {
    cases: *const Scase,
    order: *const u16,
    n: usize,
}

impl SelLocks {
    fn chan(&self, i: usize) -> *mut HChan {
        // SAFETY: i < n; order indexes the cases (selectgo's arrays,
        // alive while the select runs).
        unsafe { (*self.cases.add(*self.order.add(i) as usize)).c }
    }

    fn lock(&self) {
        for i in 0..self.n {
            let c = self.chan(i);
            if i == 0 || c != self.chan(i - 1) {
                lock(c);
            }
        }
    }

    fn unlock(&self) {
        for i in (0..self.n).rev() {
            let c = self.chan(i);
            if i == 0 || c != self.chan(i - 1) {
                unlock(c);
            }
        }
    }

    /// `gopark`'s unlock function.
    unsafe fn unlock_arg(p: usize) {
        // SAFETY: p is the parked select's SelLocks, on its stack.
        unsafe { (*(p as *const SelLocks)).unlock() };
    }
}
