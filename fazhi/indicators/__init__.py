"""指标体系与考核评价 (issue 23): indicator sets as trees, read from documents; see README.md."""
