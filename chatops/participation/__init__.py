"""Taking part (积分制, 时间银行): participation points and the time bank's ledger. Knows nothing of chat."""
