extension ResponseCache {
    /// A computation of one answer: its body and what it depends on.
    typealias Computation = @Sendable () async throws -> (String, Dependency)

    /// The answer for `key`. A fresh one is served from the cache; so is a stale one, which is then
    /// recomputed in the background for the next requests. Otherwise it is computed, once for all
    /// the requests that miss it together, and kept.
    func answer(for key: String, compute: @escaping Computation) async throws -> String {
        switch lookup(key) {
        case .fresh(let body):
            return body
        case .stale(let body):
            refreshInBackground(key, compute: compute)
            return body
        case .missing:
            let epoch = currentEpoch
            let flight = flights.miss(key, epoch: epoch) {
                Task { [self] in
                    defer { flights.land(key, epoch: epoch) }
                    let (body, dependency) = try await compute()
                    store(key, body: body, dependency: dependency, computedIn: epoch, recompute: compute)
                    return body
                }
            }
            return try await flight.value
        }
    }

    /// Recomputes the stale answer of `key` with `compute` in the background, once its turn comes
    /// (see ``ComputationFlights/refresh(_:with:)``), unless a refresh of it is already waiting or
    /// running.
    func refreshInBackground(_ key: String, compute: @escaping Computation) {
        flights.refresh(key) { [self] in await refresh(key, compute: compute) }
    }

    /// Recomputes the answer of `key` if it is still stale when its turn comes: it may have been
    /// dropped at the end of its window meanwhile, and then the next request computes it.
    private func refresh(_ key: String, compute: @escaping Computation) async {
        // Read before the computation starts, so that the answer includes every change up to it.
        let epoch = currentEpoch
        guard needsRefresh(key) else { return }
        // A failure leaves the stale answer to be dropped at the end of its window, and the
        // request that misses it then gets the error.
        guard let answer = try? await compute() else { return }
        store(key, body: answer.0, dependency: answer.1, computedIn: epoch, recompute: compute)
    }
}
