-- Calls at call time (issue 13): the user's voicemail switch, and the record of each finished call
-- with the routing decision trace that explains it.
ALTER TABLE users ADD COLUMN voicemail_enabled BOOLEAN DEFAULT FALSE NOT NULL;
