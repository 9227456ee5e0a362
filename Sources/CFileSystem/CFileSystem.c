#include "CFileSystem.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

#if defined(__linux__)
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

int cfs_open_beneath(int dirfd, const char *path, int flags) {
#if defined(__linux__) && defined(SYS_openat2)
    struct open_how how = {0};
    how.flags = (unsigned long long)flags;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof how);
#else
    (void)dirfd;
    (void)path;
    (void)flags;
    errno = ENOSYS;
    return -1;
#endif
}

static void cfs_fill(const struct stat *stp, cfs_file_info *info);

int cfs_info(int fd, const char *path, cfs_file_info *info) {
    struct stat st;
    int result = path ? fstatat(fd, path, &st, AT_SYMLINK_NOFOLLOW) : fstat(fd, &st);
    if (result != 0) return -1;
    cfs_fill(&st, info);
    return 0;
}

int cfs_stat(const char *path, cfs_file_info *info) {
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    cfs_fill(&st, info);
    return 0;
}

static void cfs_fill(const struct stat *stp, cfs_file_info *info) {
    info->mode = (unsigned int)stp->st_mode;
    info->links = (unsigned long long)stp->st_nlink;
    info->owner = (unsigned int)stp->st_uid;
    info->size = (long long)stp->st_size;
    info->device = (unsigned long long)stp->st_dev;
    info->inode = (unsigned long long)stp->st_ino;
#if defined(__APPLE__)
    info->changed_seconds = (long long)stp->st_ctimespec.tv_sec;
    info->changed_nanoseconds = (long long)stp->st_ctimespec.tv_nsec;
#else
    info->changed_seconds = (long long)stp->st_ctim.tv_sec;
    info->changed_nanoseconds = (long long)stp->st_ctim.tv_nsec;
#endif
}
