import Testing
import LedgerStore
