-- Calls at call time (issue 13): the user's voicemail switch, and the record of each finished call
-- with the routing decision trace that explains it.
ALTER TABLE users ADD COLUMN voicemail_enabled BOOLEAN DEFAULT FALSE NOT NULL;

CREATE TABLE call_records (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    from_number VARCHAR(40)   NOT NULL,
    from_user   VARCHAR(6),
    to_number   VARCHAR(100)  NOT NULL,
    called_user VARCHAR(6),
    answered_by VARCHAR(6),
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE,
    ended_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(20)   NOT NULL,
    -- diversions, the routing decision trace and the legs tried, as JSON
    detail      VARCHAR(100000) NOT NULL
);
CREATE INDEX call_records_ended_at ON call_records (ended_at);

-- Who took part (caller, callee, every diverting user, whoever answered): whose call list shows it.
CREATE TABLE call_participants (
    call_id   VARCHAR(36) NOT NULL REFERENCES call_records (id) ON DELETE CASCADE,
    extension VARCHAR(6)  NOT NULL,
    ended_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (call_id, extension)
);
CREATE INDEX call_participants_by_user ON call_participants (extension, ended_at);
