-- Imports survive a server restart: the Jakarta Batch job repository is now JDBC (JBeret creates its
-- own tables, job_instance, job_execution, step_execution, partition_execution, at first use), so an
-- import interrupted by a crash can be restarted from its last checkpoint.

-- the server (jboss.node.name) whose batch runtime ran the import's job: at start-up a server
-- recovers only its own interrupted imports, never those another node of a cluster is running
alter table import_run add column node varchar(255);

-- set when the import was interrupted (or failed) with a job execution to restart; cleared by a restart
alter table import_run add column restartable boolean not null default false;

-- how often the import was restarted
alter table import_run add column restarts integer not null default 0 check (restarts >= 0);
