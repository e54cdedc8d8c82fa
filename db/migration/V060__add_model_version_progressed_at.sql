-- When a training last reported progress: a training silent for longer than the watchdog allows is failed.
alter table model_version add column progressed_at timestamptz;
