import Postgres

extension PostgresPlanning {
    /// How a list's page statement, with its limit and offset written into it, is planned: the first page — asked
    /// for far more often than any other — is prepared once per connection and kept; a deeper page is planned for
    /// itself, so walking deep pages does not fill the connection's statement cache with one statement per page.
    static func page(offset: Int) -> Self {
        offset == 0 ? .cached : .perExecution
    }
}
