DROP POLICY legal_texts_partner_reads ON legal_texts;
