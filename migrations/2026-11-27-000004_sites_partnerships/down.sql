DROP TABLE partnerships; DROP TABLE sites;
