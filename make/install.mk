# Installing as a system service; included from the Makefile.
#
#   sudo make install                    binaries, systemd units, sample config, the klankbord user
#   make install DESTDIR=/tmp/pkg        into a staging folder (no user, no systemctl)
#   make install INSTALL_FROM=.build/debug   take the binaries from there instead of a release build
#   sudo make uninstall                  the reverse; /var/lib/klankbord and /var/backups/klankbord stay
#
# The units name $(BINDIR)/klankbordd, so PREFIX is written into them when they are installed.

PREFIX ?= /usr/local
BINDIR := $(PREFIX)/bin
SYSCONFDIR ?= /etc
UNITDIR ?= /etc/systemd/system
BACKUPDIR ?= /var/backups/klankbord
INSTALL_FROM ?=
INSTALL_BIN := $(if $(INSTALL_FROM),$(INSTALL_FROM),.build/release)
UNITS := klankbordd.service klankbord-backup.service klankbord-backup.timer
SAMPLE_CONFIG := .build/klankbord.conf.installed

.PHONY: install uninstall install-units-check

# The sample config with the data folder the units use.
$(SAMPLE_CONFIG): config/klankbord.conf
	@mkdir -p .build
	sed 's|^data_dir = ./var$$|data_dir = /var/lib/klankbord|' $< > $@

install: $(if $(INSTALL_FROM),,release) $(SAMPLE_CONFIG)
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(SYSCONFDIR)/klankbord
	install -m 0755 $(INSTALL_BIN)/klankbordd $(INSTALL_BIN)/klankbord $(DESTDIR)$(BINDIR)/
	for unit in $(UNITS); do \
		sed -e 's|/usr/local/bin/|$(BINDIR)/|g' -e 's|/etc/klankbord/|$(SYSCONFDIR)/klankbord/|g' config/$$unit > $(DESTDIR)$(UNITDIR)/$$unit.tmp && \
		chmod 0644 $(DESTDIR)$(UNITDIR)/$$unit.tmp && mv $(DESTDIR)$(UNITDIR)/$$unit.tmp $(DESTDIR)$(UNITDIR)/$$unit || exit 1; \
	done
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf ]; then \
		echo "kept the existing $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf (the new sample is $(SAMPLE_CONFIG))"; \
	else \
		install -m 0644 $(SAMPLE_CONFIG) $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf; \
	fi
	install -d -m 0700 $(DESTDIR)$(BACKUPDIR)
	@if [ -z "$(DESTDIR)" ]; then \
		getent passwd klankbord >/dev/null || useradd --system --user-group --home-dir /var/lib/klankbord --no-create-home --shell /usr/sbin/nologin klankbord; \
		chown klankbord:klankbord $(BACKUPDIR); \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
		echo "Next: put a backup passphrase in $(SYSCONFDIR)/klankbord/backup-passphrase (mode 0600), then"; \
		echo "      systemctl enable --now klankbordd.service klankbord-backup.timer"; \
	fi

uninstall:
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		systemctl disable --now klankbord-backup.timer klankbordd.service 2>/dev/null || true; \
	fi
	rm -f $(DESTDIR)$(BINDIR)/klankbordd $(DESTDIR)$(BINDIR)/klankbord
	for unit in $(UNITS); do rm -f $(DESTDIR)$(UNITDIR)/$$unit; done
	@# The config goes only when nobody changed it; the data, the backups and the user stay.
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf ] && [ -e $(SAMPLE_CONFIG) ] && cmp -s $(SAMPLE_CONFIG) $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf; then \
		rm -f $(DESTDIR)$(SYSCONFDIR)/klankbord/klankbord.conf; \
	fi
	-rmdir $(DESTDIR)$(SYSCONFDIR)/klankbord 2>/dev/null
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then systemctl daemon-reload; fi
	@echo "$(BACKUPDIR), /var/lib/klankbord and the klankbord user are kept (see docs/OPERATIONS.md, section 10)."
