-- One row that the cdc capture rewrites every cdc.capture.heartbeat-interval (Debezium's heartbeat
-- action query). The table is in the capture's publication, so each beat is a change PostgreSQL
-- decodes for the capture: the replication slot's confirmed position then advances, and the WAL
-- it retains stays small, even while streams itself is quiet and other tables are busy.
-- Nothing else reads or writes it; the capture drops its changes before Kafka.
create table cdc_heartbeat (
  id       integer primary key,
  beat_at  timestamptz not null
);
