import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One command line run as a whole process.
struct Command: Sendable {
    /// The executable: a path, or a name looked up on the PATH.
    let executable: String
    /// Its arguments, without the program name.
    let arguments: [String]
}

/// Times whole processes: fork, exec, load, run and exit, as a user at a shell waits for them.
///
/// `posix_spawnp` rather than Foundation's `Process`, which adds threads and pipes of its own to
/// every launch. Standard output and error go to /dev/null: writing to a terminal would time the
/// terminal.
enum ProcessTimer {
    /// Runs `command` once and returns its wall-clock seconds; throws if it cannot start or exits
    /// with a status other than 0.
    static func time(_ command: Command) throws -> Double {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv = ([command.executable] + command.arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = (argv + [nil]).withUnsafeBufferPointer { pointers -> Int32 in
            guard let base = pointers.baseAddress else { return EINVAL }
            return posix_spawnp(&pid, command.executable, &actions, nil, base, environ)
        }
        guard spawned == 0 else {
            throw BenchError.inconsistent("cannot start \(command.executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let seconds = Measurement.seconds(start.duration(to: clock.now))
        // WIFEXITED and WEXITSTATUS are macros Swift does not import: the low 7 bits are the
        // terminating signal (0 for a normal exit), the next 8 the exit status.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw BenchError.inconsistent(
                "\(([command.executable] + command.arguments).joined(separator: " ")) failed (wait status \(status))")
        }
        return seconds
    }
}
