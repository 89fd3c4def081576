-- Schema 13 -> 14: the targets listed in their order (by measure, the programme's first, then
-- each worker's) from an index, as every list is.
CREATE INDEX target_by_measure ON target (measure, coalesce(worker_id, ''), id)
    WHERE deleted_at IS NULL;
