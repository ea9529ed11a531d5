import Foundation
import Testing
import ZhikuCore

@Suite("Speakers who discussed a topic")
struct SpeakerListingTests {
    @Test("mentions count the turns that mention a text topic, not its occurrences")
    func mentionsCountTurns() throws {
        try withStore { store, _ in
            try RankingFixture.store(into: store)
            let listing = try store.speakerListing(topics: ["芯片"])
            let mentions = Dictionary(uniqueKeysWithValues: listing.speakers.map { ($0.name, $0.mentions) })
            // 陈蜀杰 says 芯片 three times in one turn; 林雅婷 says 晶片 and 芯片 twice in one turn.
            #expect(mentions == ["王智": 1, "陈蜀杰": 1, "李明": 1, "林雅婷": 1])
            #expect(listing.isComplete && listing.total == 4)
            #expect(
                listing.speakers.allSatisfy { $0.evidence.count == 1 && $0.evidence[0].snippet.highlights.count >= 1 })
        }
    }

    @Test("a topic that more turns mention than the match limit is counted in the newest, and said to be")
    func matchLimit() throws {
        try withStore { store, _ in
            let ids = try RankingFixture.store(into: store)
            var options = SpeakerOptions()
            options.matchLimit = 2
            let listing = try store.speakerListing(topics: ["芯片"], options: options)
            #expect(listing.partialTopics == ["芯片"])
            #expect(Set(listing.speakers.flatMap { $0.evidence.map(\.turnID) }) == [ids[2], ids[3]])
        }
    }

    @Test("the limit keeps the speakers with the most mentions and reports how many there were")
    func limit() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let all = try store.speakerListing(topics: ["的"])
            let two = try store.speakerListing(topics: ["的"], options: SpeakerOptions(limit: 2))
            #expect(all.speakers.count > 2 && two.total == all.total)
            #expect(two.speakers.map(\.id) == all.speakers.prefix(2).map(\.id))
            #expect(try store.speakers(topics: ["的"]).count == min(all.total, Store.defaultTopicSpeakerLimit))
        }
    }

    @Test("speaker details are read again after the database changes")
    func detailsFollowChanges() throws {
        try withStore { store, _ in
            try SearchFixture.store(into: store)
            let before = try #require(try store.speakers(topics: ["摩尔定律"]).first { $0.name == "王智" })
            try RankingFixture.store(into: store)
            let after = try #require(try store.speakers(topics: ["摩尔定律"]).first { $0.name == "王智" })
            #expect(after.turns == before.turns + 2)
        }
    }
}
