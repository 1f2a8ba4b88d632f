-- A referrer reads the referral consent of the structures it is an active partner of: the
-- family is shown the text of the structure it is referred to, and its version is recorded.
CREATE POLICY legal_texts_partner_reads ON legal_texts FOR SELECT
  USING (kind = 'referral_consent'
         AND EXISTS (SELECT 1 FROM partnerships p
                      WHERE p.organisation_id = legal_texts.organisation_id
                        AND p.referrer_id = app_org_id()
                        AND p.active));
