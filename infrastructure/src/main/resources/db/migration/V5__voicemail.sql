-- The built-in voicemail (issue 13): one row per message; the audio is a WAV file under the server's
-- data directory (voicemail/<mailbox>/<id>.wav), written before the row commits and deleted if it does not.
CREATE TABLE voicemail_messages (
    id       VARCHAR(36) NOT NULL PRIMARY KEY,
    mailbox  VARCHAR(6)  NOT NULL REFERENCES users (extension) ON DELETE CASCADE,
    caller   VARCHAR(20),
    left_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    seconds  INTEGER     NOT NULL,
    heard    BOOLEAN     NOT NULL
);
CREATE INDEX voicemail_messages_mailbox ON voicemail_messages (mailbox, left_at);
