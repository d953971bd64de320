/*
 * The zygote: one decoder built once, a fork of it per recognition stream. A fork shares the ~95 MiB of models
 * copy-on-write, so a stream's decoder costs only the pages its search writes (~20 MiB); a native crash ends one
 * stream, not the server. Forks are made ahead ("spares", each waiting in accept() on the shared socket), so a stream
 * connects to a decoder that is already there: opening one costs a connection, not a fork.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sphinxbase/err.h>

#include "helper.h"
#include "protocol.h"

#define MAX_SPARES 64

static pid_t spares[MAX_SPARES];
static int spare_count;

static void on_child_exit(int signal_number)
{
    (void)signal_number; /* Only wakes poll() up so children are reaped and spares replaced promptly. */
}

static int listen_on(const char *path)
{
    struct sockaddr_un address = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof address.sun_path) {
        printf("error socket path longer than %zu bytes: %s\n", sizeof address.sun_path - 1, path);
        return -1;
    }
    strcpy(address.sun_path, path);

    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0 || (unlink(path) < 0 && errno != ENOENT)
        || bind(fd, (struct sockaddr *)&address, sizeof address) < 0 || listen(fd, 64) < 0) {
        printf("error cannot listen on %s: %s\n", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

/*
 * In a new child: wait for a connection, tell the zygote this spare is taken, then decode one stream. Never returns.
 * While waiting it dies with the zygote (an orphan spare would keep a dead zygote's socket answering); once it serves
 * a stream it outlives the zygote, so a zygote that crashes takes no live stream with it.
 */
static void become_spare(pid_t zygote, int listener, int taken, ps_decoder_t *ps, const cmn_snapshot_t *means)
{
    signal(SIGCHLD, SIG_DFL);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != zygote)
        _exit(1);
    int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        /* Stdin is the server's lifeline to the zygote, not to this child; stdout carries only the zygote's "ready". */
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        close(null);
    }
    /*
     * What PocketSphinxDecoder.ResetForNewStream does in process: the front end's stream state (ps_start_stream) and the
     * model's cepstral means. The zygote's decoder never decodes, so a fork already starts as built; this keeps the
     * two modes doing the same steps should that ever change.
     */
    if (ps_start_stream(ps) < 0)
        _exit(1);
    cmn_snapshot_restore(means, ps);

    int connection;
    while ((connection = accept4(listener, NULL, NULL, SOCK_CLOEXEC)) < 0) {
        if (errno != EINTR && errno != ECONNABORTED)
            _exit(1);
    }
    prctl(PR_SET_PDEATHSIG, 0);
    close(listener);
    pid_t self = getpid();
    /* One write of 4 bytes to a pipe is atomic; if the zygote is gone, nobody needs to know. */
    if (write(taken, &self, sizeof self) < 0) {
    }
    close(taken);

    /* _exit: nothing to flush or free, the process and its copy of the decoder simply go away. */
    _exit(stream_serve(connection, ps));
}

static void forget_spare(pid_t pid)
{
    for (int i = 0; i < spare_count; i++) {
        if (spares[i] == pid) {
            spares[i] = spares[--spare_count];
            return;
        }
    }
}

int zygote_run(const char *socket_path, int spares_wanted, int argc, char **argv)
{
    signal(SIGPIPE, SIG_IGN);
    err_set_logfp(NULL);
    if (spares_wanted < 1 || spares_wanted > MAX_SPARES) {
        printf("error spares must be 1 to %d\n", MAX_SPARES);
        return 1;
    }

    cmd_ln_t *config = cmd_ln_parse_r(NULL, ps_args(), argc, argv, TRUE);
    if (config == NULL) {
        printf("error PocketSphinx rejected its arguments\n");
        return 1;
    }
    ps_decoder_t *ps = ps_init(config);
    if (ps == NULL) {
        printf("error PocketSphinx could not create a decoder (are the model files there?)\n");
        return 1;
    }
    cmn_snapshot_t *means = cmn_snapshot_take(ps);
    int taken[2];
    if (means == NULL || pipe2(taken, O_CLOEXEC | O_NONBLOCK) < 0) {
        printf("error out of memory or file descriptors\n");
        return 1;
    }

    int listener = listen_on(socket_path);
    if (listener < 0)
        return 1;

    struct sigaction action = { .sa_handler = on_child_exit }; /* No SA_RESTART: poll() returns EINTR. */
    sigemptyset(&action.sa_mask);
    sigaction(SIGCHLD, &action, NULL);

    printf("ready %d %d\n", PROTOCOL_VERSION, (int)getpid());
    fflush(stdout);

    pid_t self = getpid();
    for (;;) {
        while (spare_count < spares_wanted) {
            pid_t child = fork();
            if (child == 0)
                become_spare(self, listener, taken[1], ps, means);
            if (child < 0) {
                fprintf(stderr, "parley-pocketsphinx-helper: fork: %s\n", strerror(errno));
                break; /* Tried again after the next wake-up; connections wait in the backlog meanwhile. */
            }
            spares[spare_count++] = child;
        }

        struct pollfd fds[2] = { { .fd = taken[0], .events = POLLIN }, { .fd = STDIN_FILENO, .events = POLLIN } };
        /* A timeout too, so a child that exits while the zygote is not in poll() is still reaped within a second. */
        int ready = poll(fds, 2, 1000);
        int poll_error = errno; /* Before waitpid() overwrites it. */
        pid_t ended;
        while ((ended = waitpid(-1, NULL, WNOHANG)) > 0)
            forget_spare(ended);
        if (ready < 0 && poll_error == EINTR)
            continue;
        if (ready < 0) {
            fprintf(stderr, "parley-pocketsphinx-helper: poll: %s\n", strerror(poll_error));
            break;
        }

        pid_t busy;
        while (read(taken[0], &busy, sizeof busy) == sizeof busy)
            forget_spare(busy);

        if (fds[1].revents != 0) {
            char ignored[64];
            ssize_t n = read(STDIN_FILENO, ignored, sizeof ignored);
            if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
                break; /* The server closed stdin or went away: stop taking streams. */
        }
    }

    /* Spares die with the zygote (PR_SET_PDEATHSIG); streams already taken go on until the server closes them. */
    close(listener);
    unlink(socket_path);
    return 0;
}
