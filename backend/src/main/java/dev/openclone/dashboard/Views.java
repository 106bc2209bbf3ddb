package dev.openclone.dashboard;

/** The dashboard's pages, one object each. */
record Views(TodayPage today, SearchPage search, TimelinePage timeline, PluginsPage plugins, PrivacyPage privacy,
        EntryPage entry) {
}
