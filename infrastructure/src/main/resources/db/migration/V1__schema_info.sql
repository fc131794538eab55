-- The first migration only records which product owns this schema; the service tables follow in V2+.
CREATE TABLE plus_schema_owner (
    product VARCHAR(64) NOT NULL PRIMARY KEY
);
INSERT INTO plus_schema_owner (product) VALUES ('plus-services');
