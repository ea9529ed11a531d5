-- Most cited claims per topic
--
-- For each topic, the claims that cite it most. A claim cites a topic when a mention of the topic in the
-- claim's turn lies wholly within the claim's offsets. A topic's claims are ranked by how many times
-- each mentions it, then by how many different topics the claim mentions (a claim that ties topics
-- together says more), then by the order of the corpus; only the first few of each topic are kept. The
-- topics with the most citing claims first. `claims` is how many claims cite the topic, `mentions` how
-- often this claim mentions it, `topics` how many topics this claim cites.
--
-- param: topic  a topic's id, or its name or an alias in any script (摩爾定律 = 摩尔定律 = Moore's law).
--               Not given: every topic.
-- param: speaker  a speaker's id, or a name in any script and any form it was written in (陳蜀傑 = 陈蜀杰);
--                 a role label (記者, 答) stands for every speaker known only by it. Not given: every speaker.
-- param: per_topic = 3  how many claims to keep for each topic.
-- columns: topic_id, topic, claims, rank, claim_id, mentions, topics, speaker_id, speaker, document_id,
--          title, date, text
WITH RECURSIVE
    -- Names folded one character at a time through fold_char, the fold that made the fold_key
    -- columns, so that a name matches in either script without any function outside SQLite.
    speaker_fold(i, key) AS (
        SELECT 1, ''
        UNION ALL
        SELECT i + 1, key || coalesce(
            (SELECT target FROM fold_char WHERE source = substr(:speaker, i, 1)), substr(:speaker, i, 1))
        FROM speaker_fold WHERE i <= length(:speaker)
    ),
    speaker_key(key) AS (
        SELECT trim(key, ' ' || char(9, 10, 13)) FROM speaker_fold ORDER BY i DESC LIMIT 1
    ),
    -- A role's key is its folded label followed by '@' and the document it belongs to.
    chosen_speaker(id) AS (
        SELECT s.id FROM speaker s, speaker_key k
        WHERE s.id = :speaker OR s.fold_key = k.key OR substr(s.fold_key, 1, length(k.key) + 1) = k.key || '@'
        UNION
        SELECT a.speaker_id FROM speaker_alias a, speaker_key k WHERE a.fold_key = k.key
    ),
    topic_fold(i, key) AS (
        SELECT 1, ''
        UNION ALL
        SELECT i + 1, key || coalesce(
            (SELECT target FROM fold_char WHERE source = substr(:topic, i, 1)), substr(:topic, i, 1))
        FROM topic_fold WHERE i <= length(:topic)
    ),
    topic_key(key) AS (
        SELECT trim(key, ' ' || char(9, 10, 13)) FROM topic_fold ORDER BY i DESC LIMIT 1
    ),
    chosen_topic(id) AS (
        SELECT t.id FROM topic t, topic_key k WHERE t.id = :topic OR t.fold_key = k.key
        UNION
        SELECT a.topic_id FROM topic_alias a, topic_key k WHERE a.fold_key = k.key
    ),
    citation(claim_id, topic_id) AS (
        SELECT c.id, m.topic_id
        FROM claim_span c JOIN turn_span t ON t.id = c.turn_id
        JOIN mention m ON m.turn_id = c.turn_id AND m.start_offset >= c.start_offset AND m.end_offset <= c.end_offset
        WHERE :speaker IS NULL OR t.speaker_id IN (SELECT id FROM chosen_speaker)
    ),
    claim_breadth(claim_id, topics) AS (
        SELECT claim_id, count(DISTINCT topic_id) FROM citation GROUP BY claim_id
    ),
    cited(topic_id, claim_id, mentions, topics) AS (
        SELECT ci.topic_id, ci.claim_id, count(*), b.topics
        FROM citation ci JOIN claim_breadth b ON b.claim_id = ci.claim_id
        WHERE :topic IS NULL OR ci.topic_id IN (SELECT id FROM chosen_topic)
        GROUP BY ci.topic_id, ci.claim_id
    ),
    ranked AS (
        SELECT topic_id, claim_id, mentions, topics,
               count(*) OVER (PARTITION BY topic_id) AS claims,
               row_number() OVER (PARTITION BY topic_id ORDER BY mentions DESC, topics DESC, claim_id) AS rank
        FROM cited
    )
SELECT r.topic_id, tp.name AS topic, r.claims, r.rank, r.claim_id, r.mentions, r.topics, c.speaker_id,
       s.name AS speaker, c.document_id, d.title, d.date, c.text
FROM ranked r
JOIN topic tp ON tp.id = r.topic_id
JOIN claim c ON c.id = r.claim_id
JOIN document d ON d.id = c.document_id
LEFT JOIN speaker s ON s.id = c.speaker_id
WHERE r.rank <= coalesce(:per_topic, 3)
ORDER BY r.claims DESC, r.topic_id, r.rank;
