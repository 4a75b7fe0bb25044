-- The streams table of the contract (shared/CONTRACT.md, section 2). The poller is its only writer;
-- Debezium captures its changes through a publication on this table alone.
create table streams (
  id            text primary key,
  playback_id   text unique,
  name          text,
  is_live       boolean not null default false,
  viewer_count  integer not null default 0 check (viewer_count >= 0),
  ended_at      timestamptz,
  updated_at    timestamptz not null default now()
);
