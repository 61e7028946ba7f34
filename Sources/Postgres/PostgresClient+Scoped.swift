import Logging

extension PostgresClient {
    /// Runs `body` with a new client and shuts the client down afterwards, whether `body` returns or throws.
    public static func withClient<T>(
        configuration: PostgresConfiguration,
        maxConnections: Int = 10,
        checkoutTimeout: Duration = .seconds(10),
        logger: Logger,
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(
            configuration: configuration, maxConnections: maxConnections, checkoutTimeout: checkoutTimeout, logger: logger
        )
        do {
            let value = try await body(client)
            await client.shutdown()
            return value
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
