-- Each appearance counts its speaker's turns in that document, so that a speaker's turn count is a
-- sum over their documents rather than a count over their turns: one speaker of the benchmark
-- corpus has 135,000 turns, and counting them took 3 ms of every listing that speaker was in.
-- Zhiku writes the count with the document's turns; `zhiku check` verifies it against turn_span.
ALTER TABLE appearance ADD COLUMN turns INTEGER NOT NULL DEFAULT 0 CHECK (turns >= 0);

-- The turns grouped once: a count per appearance would read a prolific speaker's whole index range
-- for each of their documents (41 s on the 100 MB benchmark corpus instead of a fraction of one).
UPDATE appearance SET turns = counted.turns
FROM (SELECT document_id, speaker_id, count(*) AS turns FROM turn_span
      WHERE speaker_id IS NOT NULL GROUP BY document_id, speaker_id) AS counted
WHERE counted.document_id = appearance.document_id AND counted.speaker_id = appearance.speaker_id;

-- A speaker's listing reads their appearances five ways; with these it reads only the index
-- entries it needs (0.5 ms instead of 2.6 ms for a listing with that speaker): the turn and
-- document counts from one covering index, the latest affiliation and the roles from the few
-- appearances that have one.
DROP INDEX appearance_by_speaker;
CREATE INDEX appearance_by_speaker ON appearance(speaker_id, turns);
CREATE INDEX appearance_affiliated ON appearance(speaker_id) WHERE affiliation IS NOT NULL;
CREATE INDEX appearance_with_role ON appearance(speaker_id) WHERE role IS NOT NULL;
