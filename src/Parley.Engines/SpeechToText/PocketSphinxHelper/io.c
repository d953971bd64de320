#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "helper.h"

int read_full(int fd, void *buffer, size_t length)
{
    char *at = buffer;
    size_t done = 0;
    while (done < length) {
        ssize_t n = read(fd, at + done, length - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return done == 0 ? 0 : -1; /* End of file inside a frame is an error, before one a clean close. */
        done += (size_t)n;
    }
    return 1;
}

int write_full(int fd, const void *buffer, size_t length)
{
    const char *at = buffer;
    size_t done = 0;
    while (done < length) {
        /* MSG_NOSIGNAL: a server that went away is an error to return, not a SIGPIPE. */
        ssize_t n = send(fd, at + done, length - done, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        done += (size_t)n;
    }
    return 1;
}
