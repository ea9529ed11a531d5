-- Turns per speaker per month
--
-- How many turns each speaker spoke in each month, in how many documents, and how many characters
-- those turns hold. The month is the document's date cut to YYYY-MM; a document dated only by its year
-- counts under the year (YYYY), an undated one under an empty month (NULL), listed last. Only attributed
-- turns count: text that nobody said is left out.
--
-- param: speaker  a speaker's id, or a name in any script and any form it was written in (陳蜀傑 = 陈蜀杰);
--                 a role label (記者, 答) stands for every speaker known only by it. Not given: every speaker.
-- param: since  the first month, YYYY-MM, or a year, YYYY. Not given: from the earliest.
-- param: until  the last month, YYYY-MM, or a year, YYYY. Not given: to the latest.
-- columns: month, speaker_id, speaker, turns, documents, characters
WITH RECURSIVE
    -- The name folded one character at a time through fold_char, the fold that made speaker.fold_key,
    -- so that a name matches in either script without any function outside SQLite.
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
    dated_turn(month, speaker_id, document_id, characters) AS (
        SELECT substr(d.date, 1, 7), t.speaker_id, t.document_id, t.end_offset - t.start_offset
        FROM turn_span t JOIN document d ON d.id = t.document_id
        WHERE t.speaker_id IS NOT NULL
          AND (:speaker IS NULL OR t.speaker_id IN (SELECT id FROM chosen_speaker))
    )
SELECT t.month, t.speaker_id, s.name AS speaker, count(*) AS turns, count(DISTINCT t.document_id) AS documents,
       sum(t.characters) AS characters
FROM dated_turn t JOIN speaker s ON s.id = t.speaker_id
-- CAST: a year given alone arrives as an integer, and an integer never compares equal to text.
WHERE (:since IS NULL OR t.month >= CAST(:since AS TEXT))
  AND (:until IS NULL OR substr(t.month, 1, length(CAST(:until AS TEXT))) <= CAST(:until AS TEXT))
GROUP BY t.month, t.speaker_id
ORDER BY t.month IS NULL, t.month, turns DESC, t.speaker_id;
