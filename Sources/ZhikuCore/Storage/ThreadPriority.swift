import Foundation

/// Scheduling priorities of the threads that help a writer: the writer's thread is what an ingest
/// waits for, the others work beside it.
enum ThreadPriority {
    /// How much lower than the writer's the helpers' priority is (a nice value, 0 to 19).
    ///
    /// On two cores, the writer shares its core with whatever else is runnable: at equal priority it
    /// lost a third of it whenever both parsing threads ran. At 10 the writer gets nine tenths of a
    /// core it shares with a helper (Linux weighs nice 0 to nice 10 as 1024 to 110), and the helpers
    /// still have the other core (100 MB corpus, whole run: 9.8 s at 5, 9.2 s at 10).
    static let helperNiceness: Int32 = 10

    /// Lowers the calling thread's priority to ``helperNiceness``.
    static func lowerForHelper() {
        #if os(Linux)
            // On Linux each thread is a task with its own nice value: 0 names the calling thread.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, helperNiceness)
        #endif
    }
}
