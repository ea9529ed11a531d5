-- Documents without speakers
--
-- The documents in which nobody is known to speak: no turn of theirs is attributed to a speaker, so
-- their text is kept only as unattributed turns (or as none). Usually a transcript whose labels the
-- parser did not recognise, or a text that is not a transcript at all; worth a look before trusting
-- the other reports. Oldest first, undated last.
--
-- columns: id, title, date, format, origin, turns, characters
SELECT d.id, d.title, d.date, d.format, d.origin,
       (SELECT count(*) FROM turn_span t WHERE t.document_id = d.id) AS turns,
       length(d.text) AS characters
FROM document d
WHERE NOT EXISTS (SELECT 1 FROM turn_span t WHERE t.document_id = d.id AND t.speaker_id IS NOT NULL)
ORDER BY d.date IS NULL, d.date, d.id;
