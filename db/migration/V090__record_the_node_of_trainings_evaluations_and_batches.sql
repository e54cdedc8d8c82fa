-- The server (jboss.node.name) that runs a training or an evaluation: at start-up a server fails only
-- the runs it was running itself, never those another node of a cluster is running. Rows from before
-- have no node and count as every node's, as they did.
alter table model_version add column node varchar(255);
alter table evaluation_run add column node varchar(255);

-- The node that ran a re-embedding batch: how the nodes of a cluster share the queue.
alter table embedding_batch add column node varchar(255);
