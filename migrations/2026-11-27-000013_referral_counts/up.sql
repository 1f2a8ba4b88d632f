-- The inbox counters, maintained as referrals come and change state, instead of counted
-- over every referral of the structure at each request (210k rows: 80 ms a time). Each
-- (structure, status, source) is spread over 8 slots picked at random, so that concurrent
-- referrals into one structure do not queue on one counter row; the counters add them up.
CREATE TABLE referral_counts (
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  status text NOT NULL,
  source text NOT NULL,
  slot smallint NOT NULL CHECK (slot BETWEEN 0 AND 7),
  n bigint NOT NULL,
  PRIMARY KEY (organisation_id, status, source, slot)
);
ALTER TABLE referral_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_counts_tenant ON referral_counts
  USING (organisation_id = (SELECT app_org_id()));
-- Written only by the trigger below (as the owner): requests read them.
GRANT SELECT ON referral_counts TO solidaires_app;

CREATE FUNCTION count_referral() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO referral_counts AS c (organisation_id, status, source, slot, n)
      VALUES (OLD.organisation_id, OLD.status, OLD.source, floor(random() * 8)::smallint, -1)
      ON CONFLICT (organisation_id, status, source, slot) DO UPDATE SET n = c.n - 1;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
      INSERT INTO referral_counts AS c (organisation_id, status, source, slot, n)
      VALUES (NEW.organisation_id, NEW.status, NEW.source, floor(random() * 8)::smallint, 1)
      ON CONFLICT (organisation_id, status, source, slot) DO UPDATE SET n = c.n + 1;
    END IF;
    RETURN NULL;
  END
  $$;
REVOKE ALL ON FUNCTION count_referral() FROM PUBLIC;
CREATE TRIGGER referrals_count_insert_delete AFTER INSERT OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION count_referral();
CREATE TRIGGER referrals_count_status AFTER UPDATE OF status, source ON referrals
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.source IS DISTINCT FROM NEW.source)
  EXECUTE FUNCTION count_referral();

-- The referrals already there.
INSERT INTO referral_counts (organisation_id, status, source, slot, n)
SELECT organisation_id, status, source, 0, count(*) FROM referrals GROUP BY 1, 2, 3;
