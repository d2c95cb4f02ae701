"""The directory in and out of the portal: CSV export and import, vCards and
Open Referral (HSDS) JSON."""
