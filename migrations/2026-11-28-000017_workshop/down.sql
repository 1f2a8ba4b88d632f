DROP FUNCTION verify_erasure_certificate(text);
DROP TABLE device_events, handovers, reservations, quality_checks, os_installs,
  erasure_certificates, erasures, device_disks, devices, device_tag_counters, donations, donors;
