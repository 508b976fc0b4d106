-- Schema 5: whether the client has a driving licence, asked at the intake (NULL: unknown).
ALTER TABLE intake ADD COLUMN driving_licence INTEGER CHECK (driving_licence IN (0, 1));
