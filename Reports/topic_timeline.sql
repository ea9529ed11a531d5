-- Topic timeline
--
-- When each topic was talked about: for each topic and month, the number of its mentions, of the turns
-- and documents that hold them, and of the speakers who made them. Every mention counts, also those in
-- text that nobody said (an ad, a caption), but only attributed turns have a speaker. The month is the
-- document's date cut to YYYY-MM; a document dated only by its year counts under the year (YYYY), an
-- undated one under an empty month (NULL), listed last. The most mentioned topics first, each in the
-- order of its months.
--
-- param: topic  a topic's id, or its name or an alias in any script (摩爾定律 = 摩尔定律 = Moore's law).
--               Not given: every topic.
-- param: since  the first month, YYYY-MM, or a year, YYYY. Not given: from the earliest.
-- param: until  the last month, YYYY-MM, or a year, YYYY. Not given: to the latest.
-- columns: topic_id, topic, month, mentions, turns, documents, speakers
WITH RECURSIVE
    -- The name folded one character at a time through fold_char, the fold that made topic.fold_key,
    -- so that a name matches in either script without any function outside SQLite.
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
    dated_mention(topic_id, month, turn_id, document_id, speaker_id) AS (
        SELECT m.topic_id, substr(d.date, 1, 7), m.turn_id, t.document_id, t.speaker_id
        FROM mention m JOIN turn_span t ON t.id = m.turn_id JOIN document d ON d.id = t.document_id
        WHERE (:topic IS NULL OR m.topic_id IN (SELECT id FROM chosen_topic))
    ),
    point(topic_id, month, mentions, turns, documents, speakers) AS (
        SELECT topic_id, month, count(*), count(DISTINCT turn_id), count(DISTINCT document_id),
               count(DISTINCT speaker_id)
        FROM dated_mention
        -- CAST: a year given alone arrives as an integer, and an integer never compares equal to text.
        WHERE (:since IS NULL OR month >= CAST(:since AS TEXT))
          AND (:until IS NULL OR substr(month, 1, length(CAST(:until AS TEXT))) <= CAST(:until AS TEXT))
        GROUP BY topic_id, month
    ),
    topic_total(topic_id, mentions) AS (
        SELECT topic_id, sum(mentions) FROM point GROUP BY topic_id
    )
SELECT p.topic_id, tp.name AS topic, p.month, p.mentions, p.turns, p.documents, p.speakers
FROM point p JOIN topic_total tt ON tt.topic_id = p.topic_id JOIN topic tp ON tp.id = p.topic_id
ORDER BY tt.mentions DESC, p.topic_id, p.month IS NULL, p.month;
