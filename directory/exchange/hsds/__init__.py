"""The directory as an Open Referral HSDS 3.0 API, with its profile."""
