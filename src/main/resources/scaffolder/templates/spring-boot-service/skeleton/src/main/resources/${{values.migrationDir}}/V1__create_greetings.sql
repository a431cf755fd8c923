-- The first migration: Flyway runs the files of db/migration in version order at start.
CREATE TABLE greetings (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message    text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
