//! Unit tests of matching, kinds and cosmetic detection, on small pages written for each case.
