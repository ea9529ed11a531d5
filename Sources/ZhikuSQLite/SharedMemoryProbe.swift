import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether another process has a WAL-mode database open, found from the locks on its `-shm` file.
///
/// Every connection that uses a WAL database holds a shared lock on the "DMS" byte of the `-shm`
/// file (offset 128 with SQLite's unix VFS) for as long as it is open; see
/// <https://www.sqlite.org/walformat.html#the_dms_lock>. Asking for the lock that would conflict
/// with it (`F_GETLK`) tells whether any other process holds it, without taking any lock.
public enum SharedMemoryProbe {
    /// The byte of the `-shm` file that every open connection holds a shared lock on.
    static let deadManSwitchOffset = 128

    /// Whether a process other than this one holds the database at `path` open in WAL mode.
    ///
    /// Locks of this process are not seen (POSIX locks never conflict within a process), and closing
    /// the probe's descriptor would drop this process's own locks on the file: call it only when this
    /// process has no connection to the database.
    public static func otherProcessesHaveOpen(databaseAt path: String) -> Bool {
        let descriptor = open(path + "-shm", O_RDONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var query = flock()
        query.l_type = Int16(F_WRLCK)
        query.l_whence = Int16(SEEK_SET)
        query.l_start = off_t(deadManSwitchOffset)
        query.l_len = 1
        guard fcntl(descriptor, F_GETLK, &query) == 0 else { return false }
        return query.l_type != Int16(F_UNLCK)
    }
}
