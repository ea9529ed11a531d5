-- Speaker × topic matrix
--
-- Who mentioned which topic, and how much: for each speaker and each topic their turns mention, the
-- number of mentions, of their turns that hold one, and of documents those turns are in. A long table,
-- one row per cell of the matrix that is not empty (pivot it in your own tool); the speakers with the
-- most mentions first, and within a speaker the topics they mentioned most. A mention is a topic's name
-- or alias in a turn, in any script or regional form the topic knows; text that nobody said is left out.
--
-- param: speaker  a speaker's id, or a name in any script and any form it was written in (陳蜀傑 = 陈蜀杰);
--                 a role label (記者, 答) stands for every speaker known only by it. Not given: every speaker.
-- param: topic  a topic's id, or its name or an alias in any script (摩爾定律 = 摩尔定律 = Moore's law).
--               Not given: every topic.
-- param: min_mentions = 1  leave out the cells with fewer mentions than this.
-- columns: speaker_id, speaker, topic_id, topic, mentions, turns, documents
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
    cell(speaker_id, topic_id, mentions, turns, documents) AS (
        SELECT t.speaker_id, m.topic_id, count(*), count(DISTINCT m.turn_id), count(DISTINCT t.document_id)
        FROM mention m JOIN turn_span t ON t.id = m.turn_id
        WHERE t.speaker_id IS NOT NULL
          AND (:speaker IS NULL OR t.speaker_id IN (SELECT id FROM chosen_speaker))
          AND (:topic IS NULL OR m.topic_id IN (SELECT id FROM chosen_topic))
        GROUP BY t.speaker_id, m.topic_id
        HAVING count(*) >= coalesce(:min_mentions, 1)
    ),
    speaker_total(speaker_id, mentions) AS (
        SELECT speaker_id, sum(mentions) FROM cell GROUP BY speaker_id
    )
SELECT c.speaker_id, s.name AS speaker, c.topic_id, tp.name AS topic, c.mentions, c.turns, c.documents
FROM cell c
JOIN speaker_total st ON st.speaker_id = c.speaker_id
JOIN speaker s ON s.id = c.speaker_id
JOIN topic tp ON tp.id = c.topic_id
ORDER BY st.mentions DESC, c.speaker_id, c.mentions DESC, c.topic_id;
