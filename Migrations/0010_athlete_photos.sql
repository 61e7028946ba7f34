-- A photo request asks whether a row the user may see holds the file (`/media/athletes/<name>`): an index
-- answers it without reading every athlete, and no two athletes can hold one file (removing a replaced
-- photo's file relies on that).
CREATE UNIQUE INDEX athletes_avatar_key ON athletes (avatar) WHERE avatar IS NOT NULL;
