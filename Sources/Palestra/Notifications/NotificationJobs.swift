extension JobRegistry {
    /// Registers the notifications' job kinds (``DeliverNotification``) with the configured delivery.
    public mutating func registerNotificationJobs(configuration: AppConfiguration) {
        register(DeliverNotification(settings: configuration.notifications))
    }
}
