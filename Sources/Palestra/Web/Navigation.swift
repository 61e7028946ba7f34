/// The main navigation, in the request's language, for the signed-in user: the dashboard, their
/// notifications, then every admin resource the user's role may view. Each area adds its own entries here.
enum Navigation {
    static func links(for context: some PageRequestContext, localizer: Localizer) -> [NavigationLink] {
        guard let user = context.session?.user else { return [] }
        let path = context.endpointPath ?? ""
        let slug = path.hasPrefix("/admin/:slug") ? context.parameters.get("slug") : nil
        var links = [
            NavigationLink(label: localizer.t("Dashboard"), href: SiteURL.dashboard, isCurrent: path == SiteURL.dashboard),
            NavigationLink(
                label: localizer.t("Notifications"), href: SiteURL.notifications, isCurrent: path.hasPrefix(SiteURL.notifications)
            ),
        ]
        if CoachController.allows(user) {
            links.append(NavigationLink(label: localizer.t("My sessions"), href: SiteURL.coach, isCurrent: path.hasPrefix(SiteURL.coach)))
        }
        for resource in AdminSite.standard.visible(to: user) {
            links.append(NavigationLink(
                label: resource.title(localizer), href: SiteURL.changeList(resource.slug),
                isCurrent: slug == resource.slug
            ))
        }
        if user.role != .student {
            links.append(NavigationLink(
                label: localizer.t("Attendance reports"), href: SiteURL.attendanceReport, isCurrent: path.hasPrefix(SiteURL.attendanceReport)
            ))
        }
        if JobsAdmin.resource.allows(.view, for: user) {
            links.append(NavigationLink(
                label: localizer.t("Queue overview"), href: SiteURL.jobsOverview, isCurrent: path == SiteURL.jobsOverview
            ))
        }
        return links
    }
}
