/*
 * LD_PRELOAD shim: lets unmodified libfido2 programs (fido2-token, fido2-cred, fido2-assert,
 * OpenSSH's ssh-sk-helper) reach a key served by `fidoctl virtual serve FILE --socket PATH`.
 *
 * With FIDOCTL_LIBFIDO2_SOCKET=PATH set:
 * - fido_dev_info_manifest() lists exactly one device, whose path is PATH (real HID keys on the
 *   host are hidden, so a test can never touch them);
 * - fido_dev_open(dev, PATH) gives the device our socket I/O (fido_dev_set_io_functions) before
 *   libfido2's own open, which then runs CTAPHID INIT over it.
 * Any other path, or the variable unset, goes to libfido2 unchanged.
 *
 * Those two are how every client here finds and opens a key: fido2-token -L and OpenSSH's
 * ssh-sk-helper (sk-usbhid.c) enumerate with fido_dev_info_manifest and open by path; the
 * fido2-* tools open the path they are given (libfido2 1.12, Debian 12's OpenSSH 9.2).
 *
 * The socket protocol (README, "The socket protocol"): raw 64-byte CTAPHID reports each way,
 * no report id; connect = plug in, close = unplug. libfido2 writes a report id byte before each
 * 64-byte report (as hidraw wants) and reads reports without one.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fido.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define REPORT_LEN 64
#define ENV_SOCKET "FIDOCTL_LIBFIDO2_SOCKET"

struct sock_dev {
	int fd;
};

static const char *
socket_path(void)
{
	const char *path = getenv(ENV_SOCKET);
	return (path != NULL && *path != '\0') ? path : NULL;
}

static void *
sock_open(const char *path)
{
	struct sockaddr_un sa;
	struct sock_dev *d;
	int fd;

	if (path == NULL || strlen(path) >= sizeof(sa.sun_path))
		return NULL;
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strcpy(sa.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return NULL;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    (d = calloc(1, sizeof(*d))) == NULL) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	return d;
}

static void
sock_close(void *handle)
{
	struct sock_dev *d = handle;

	if (d != NULL) {
		close(d->fd);
		free(d);
	}
}

/* One whole report, or -1. ms < 0: wait as long as it takes (libfido2's convention). */
static int
sock_read(void *handle, unsigned char *buf, size_t len, int ms)
{
	struct sock_dev *d = handle;
	struct pollfd pfd;
	size_t got = 0;
	ssize_t n;

	if (d == NULL || len < REPORT_LEN)
		return -1;
	while (got < REPORT_LEN) {
		pfd.fd = d->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		n = poll(&pfd, 1, ms);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1; /* error or timeout */
		n = read(d->fd, buf + got, REPORT_LEN - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1; /* unplugged */
		got += (size_t)n;
	}
	return REPORT_LEN;
}

/* libfido2 hands us report id + report; the socket carries the report alone. */
static int
sock_write(void *handle, const unsigned char *buf, size_t len)
{
	struct sock_dev *d = handle;
	size_t sent = 0;
	ssize_t n;

	if (d == NULL || len != REPORT_LEN + 1)
		return -1;
	while (sent < REPORT_LEN) {
		n = send(d->fd, buf + 1 + sent, REPORT_LEN - sent, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		sent += (size_t)n;
	}
	return (int)len;
}

static const fido_dev_io_t sock_io = {
	sock_open,
	sock_close,
	sock_read,
	sock_write,
};

int
fido_dev_info_manifest(fido_dev_info_t *devlist, size_t ilen, size_t *olen)
{
	static int (*real)(fido_dev_info_t *, size_t, size_t *);
	const char *path = socket_path();
	int r;

	if (path == NULL) {
		if (real == NULL)
			real = (int (*)(fido_dev_info_t *, size_t, size_t *))dlsym(RTLD_NEXT,
			    "fido_dev_info_manifest");
		return real != NULL ? real(devlist, ilen, olen) : FIDO_ERR_INTERNAL;
	}
	if (olen == NULL)
		return FIDO_ERR_INVALID_ARGUMENT;
	*olen = 0;
	if (ilen == 0)
		return FIDO_OK;
	r = fido_dev_info_set(devlist, 0, path, "fidoctl", "virtual key", &sock_io, NULL);
	if (r == FIDO_OK)
		*olen = 1;
	return r;
}

int
fido_dev_open(fido_dev_t *dev, const char *path)
{
	static int (*real)(fido_dev_t *, const char *);
	const char *ours = socket_path();
	int r;

	if (real == NULL)
		real = (int (*)(fido_dev_t *, const char *))dlsym(RTLD_NEXT, "fido_dev_open");
	if (real == NULL)
		return FIDO_ERR_INTERNAL;
	if (ours != NULL && path != NULL && strcmp(path, ours) == 0 &&
	    (r = fido_dev_set_io_functions(dev, &sock_io)) != FIDO_OK)
		return r;
	return real(dev, path);
}
