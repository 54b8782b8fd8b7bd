-- Who a user_id is: the personal data activation normalises and hashes on the workstation
-- (e-mail, phone, names, place, birth date). Loaded by `segctl identifiers import`; a later row
-- of a user replaces the earlier. NULL: unknown.
CREATE TABLE customer_identifiers (
  user_id     TEXT PRIMARY KEY,
  email       TEXT,
  phone       TEXT,
  first_name  TEXT,
  last_name   TEXT,
  city        TEXT,
  region      TEXT,
  postal_code TEXT,
  country     TEXT,
  birth_date  DATE
);
